// Not registered by specsTogether (no suffix): evaluating it would record it.
import { log } from './shared-log';

log.push('not-a-spec evaluated');
