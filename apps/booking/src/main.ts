import { createLogger } from '@salle/runtime';
import { runService } from '@salle/service';
import { bookingService } from './booking-service';
import { bookingConfig } from './config';

const config = bookingConfig.load();
const logger = createLogger({ service: 'booking', level: config.LOG_LEVEL });
void runService(bookingService(config, logger));
