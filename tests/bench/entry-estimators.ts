// Bench bundle: the fixed-point estimator and its float twin side by side.
import { createEstimator } from '../../shared/estimator';
import { createFloatEstimator } from './float-estimator';

declare const global: { Est: unknown };
global.Est = { fixed: createEstimator, float: createFloatEstimator };
