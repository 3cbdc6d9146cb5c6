import { createLogger } from '@salle/runtime';
import { runService } from '@salle/service';
import { notificationConfig, SANDBOX_OVH_ENDPOINT, SANDBOX_SMTP_URL } from './config';
import { yieldCpuToInteractiveServices } from './cpu-priority';
import { notificationService } from './notification-service';

const config = notificationConfig.load();
const logger = createLogger({ service: 'notification', level: config.LOG_LEVEL });
if (config.SMTP_URL === SANDBOX_SMTP_URL)
  logger.warn(
    { smtp: SANDBOX_SMTP_URL },
    'e-mail goes to the local mail-sandbox (no SMTP_URL): nobody receives anything',
  );
else logger.info('e-mail goes to the configured SMTP relay');
if (!config.NOTIFICATION_SMS_ENABLED) logger.info('SMS turned off (NOTIFICATION_SMS_ENABLED=false): e-mail only');
else if (config.OVH_SMS_ENDPOINT === SANDBOX_OVH_ENDPOINT)
  logger.warn(
    { api: SANDBOX_OVH_ENDPOINT },
    'SMS go to the local sms-sandbox (no OVH_SMS_ENDPOINT): nobody receives any',
  );
else logger.info('SMS go to OVHcloud');
yieldCpuToInteractiveServices(logger);
void runService(notificationService(config, logger));
