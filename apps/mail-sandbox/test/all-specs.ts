// The integration target's one test file: every spec of this folder, in one module registry (see specsTogether).
import { specsTogether } from '@salle/testing';

specsTogether(__dirname);
