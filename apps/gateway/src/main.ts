import { ConfigError } from '@salle/config';
import { createLogger } from '@salle/runtime';
import { runService } from '@salle/service';
import { checkGatewayConfig, gatewayConfig } from './config';
import { gatewayService } from './gateway-service';
import { internalTokenIssuer } from './signing-key';

const config = gatewayConfig.load();
try {
  checkGatewayConfig(config);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`Configuration error: ${error.message}\n`);
  process.exit(1);
}
const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });

void internalTokenIssuer(config, logger).then((issuer) => runService(gatewayService(config, logger, issuer)));
