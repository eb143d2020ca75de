import { FastScorer } from '../src/fast-scorer.js';
import { fastScorerSuite } from './fast-scorer-suite.js';

// Node's '#fast-scorer' (src/fast-scorer.ts), which the evaluators import here.
fastScorerSuite('Node', FastScorer);
