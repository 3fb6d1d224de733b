// The JSON API's one error shape: { error: { code, message } }, the message in Vietnamese.
export interface ApiErrorBody {
  error: { code: string; message: string };
}

export function apiError(code: string, message: string): ApiErrorBody {
  return { error: { code, message } };
}
