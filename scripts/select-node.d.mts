export declare const RUNTIME_NODE: number
export declare const MINIMUM_NODE: number
export declare const selectNode: (version: string, bin: string, platform?: string) => number
