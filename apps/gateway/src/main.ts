import { createLogger } from '@salle/runtime';
import { runService } from '@salle/service';
import { gatewayConfig } from './config';
import { gatewayService } from './gateway-service';
import { internalTokenIssuer } from './signing-key';

const config = gatewayConfig.load();
const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });

void internalTokenIssuer(config, logger).then((issuer) => runService(gatewayService(config, logger, issuer)));
