import { createLogger } from '@salle/runtime';
import { runService } from '@salle/service';
import { gatewayConfig } from './config';
import { gatewayService } from './gateway-service';

const config = gatewayConfig.load();
const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
void runService(gatewayService(config, logger));
