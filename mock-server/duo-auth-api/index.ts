/** The simulated Duo Auth API: the transport-free simulator and its Fetch-API handler. */
export { DuoAuthApiSimulator, DuoSimError, type DuoSimOptions, type SimDevice, type SimUserSpec } from './simulator.js';
export { createDuoAuthApiHandler } from './handler.js';
