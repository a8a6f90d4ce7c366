// Entry point of the GitHub Action's run step (action.yml runs the built dist/scripts/github-action.js).
import { runAction } from './action-run.js';

process.exitCode = runAction(process.env);
