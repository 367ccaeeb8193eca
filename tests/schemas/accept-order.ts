// The business function of examples/orders.ts, shared by its ports to other schema libraries so
// that they differ only in the schema.
export interface Order {
  items: { quantity: number }[]
  express: boolean
}

export const acceptOrder = ({ items, express }: Order) => ({
  lines: items.length,
  units: items.reduce((sum, item) => sum + item.quantity, 0),
  express,
})
