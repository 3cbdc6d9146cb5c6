import { ConfigError } from '@salle/config';
import { createLogger } from '@salle/runtime';
import { runService } from '@salle/service';
import { checkGatewayConfig, gatewayConfig } from './config';
import { gatewayService } from './gateway-service';
import { internalTokenIssuer } from './signing-key';
import { readSiteTheme } from './web/theme';
import { siteConfigPath } from './web/web-build';

const config = gatewayConfig.load();
try {
  checkGatewayConfig(config);
  // A theme colour below WCAG AA stops the gateway here, in one line naming it and its contrast.
  readSiteTheme(siteConfigPath(config));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`Configuration error: ${error.message}\n`);
  process.exit(1);
}
const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });

void internalTokenIssuer(config, logger).then((issuer) => runService(gatewayService(config, logger, issuer)));
