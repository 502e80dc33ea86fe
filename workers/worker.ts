import { runProcess } from './run.js';

await runProcess('worker');
