/** The tester panel's calls to the host's control API (docs/api.md), authenticated with the page's token. */

export class ControlApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ControlApiError';
  }
}

export function pageToken(): string {
  return document.querySelector('meta[name="regi-token"]')?.getAttribute('content') ?? '';
}

export async function controlApi<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${pageToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let value: unknown = null;
  try {
    value = text === '' ? null : JSON.parse(text);
  } catch {
    throw new ControlApiError(response.status, `${method} ${path}: ${response.status} ${text.slice(0, 200)}`);
  }
  if (!response.ok) {
    const error = (value as { error?: { message?: string } } | null)?.error;
    throw new ControlApiError(response.status, `${method} ${path}: ${error?.message ?? response.status}`);
  }
  return value as T;
}
