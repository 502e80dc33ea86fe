import { runProcess } from './run.js';

await runProcess('web');
