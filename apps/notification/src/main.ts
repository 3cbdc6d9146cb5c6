import { createLogger } from '@salle/runtime';
import { runService } from '@salle/service';
import { notificationConfig, SANDBOX_SMTP_URL } from './config';
import { notificationService } from './notification-service';

const config = notificationConfig.load();
const logger = createLogger({ service: 'notification', level: config.LOG_LEVEL });
if (config.SMTP_URL === SANDBOX_SMTP_URL)
  logger.warn(
    { smtp: SANDBOX_SMTP_URL },
    'e-mail goes to the local mail-sandbox (no SMTP_URL): nobody receives anything',
  );
else logger.info('e-mail goes to the configured SMTP relay');
void runService(notificationService(config, logger));
