import { ConfigError } from '@salle/config';
import { createLogger } from '@salle/runtime';
import { runService } from '@salle/service';
import { paymentConfig, stripeConnection } from './config';
import { paymentService } from './payment-service';

const config = paymentConfig.load();
const logger = createLogger({ service: 'payment', level: config.LOG_LEVEL });
try {
  if (!stripeConnection(config).sandbox) logger.info('payment provider: Stripe');
  else logger.warn({ sandbox: config.STRIPE_SANDBOX_URL }, 'payment provider: the local stripe-sandbox (no STRIPE_SECRET_KEY): no real money moves');
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
void runService(paymentService(config, logger));
