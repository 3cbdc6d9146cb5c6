import { createLogger } from '@salle/runtime';
import { runService } from '@salle/service';
import { paymentConfig, stripeConnection } from './config';
import { paymentService } from './payment-service';

const config = paymentConfig.load();
const logger = createLogger({ service: 'payment', level: config.LOG_LEVEL });
if (!stripeConnection(config).sandbox) logger.info('payment provider: Stripe');
else
  logger.warn(
    { sandbox: config.STRIPE_SANDBOX_URL },
    'payment provider: the local stripe-sandbox (no STRIPE_SECRET_KEY): no real money moves',
  );
void runService(paymentService(config, logger));
