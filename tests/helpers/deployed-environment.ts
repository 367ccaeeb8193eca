import { readServerlessConfig } from '../../scripts/lib/serverless-config.ts'

/**
 * The function environment every deployed stage gets (serverless.yml `params.default`): what the
 * README's Configuration table promises. The service name is serverless.yml's `service:`, so a
 * renamed fork keeps it. No NODE_OPTIONS: --enable-source-maps would parse the map on every cold
 * start.
 */
export const DEPLOYED_ENVIRONMENT: Readonly<Record<string, string>> = {
  POWERTOOLS_SERVICE_NAME: readServerlessConfig().service,
  POWERTOOLS_LOG_LEVEL: 'INFO',
  POWERTOOLS_LOGGER_SAMPLE_RATE: '0',
  POWERTOOLS_LOGGER_LOG_EVENT: 'false',
  BODY_LIMIT_BYTES: '1048576',
  TIMEOUT_MARGIN_MS: '500',
}
