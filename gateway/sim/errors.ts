/** A refusal with an HTTP status and a machine-readable code; the server turns it into an ErrorBody. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}
