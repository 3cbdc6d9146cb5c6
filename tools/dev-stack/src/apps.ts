/** The apps `npm start` runs, in start order, with their development ports. */
export interface DevApp {
  name: string;
  port: number;
  /** The environment variable that sets its port. */
  portVariable: string;
  needsDatabase: boolean;
}

export const DEV_APPS: DevApp[] = [
  { name: 'identity-sandbox', port: 3003, portVariable: 'IDENTITY_SANDBOX_PORT', needsDatabase: false },
  { name: 'booking', port: 3001, portVariable: 'BOOKING_PORT', needsDatabase: true },
  { name: 'gateway', port: 3000, portVariable: 'GATEWAY_PORT', needsDatabase: true },
];

export const ENTRY_APP = 'gateway';
