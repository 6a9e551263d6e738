// The calculator as a page of its own.
import { startCalculator } from './app.js';

startCalculator(document);
