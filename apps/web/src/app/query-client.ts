import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { SESSION_LOST_CODES, isApiError } from '../lib/api-client';
import { dropSession, setSessionLostCode } from '../modules/auth';

/** One client for the app: 4xx answers are final (no retry), and a lost session sends the user to login. */
export function createQueryClient(): QueryClient {
  const handleError = (error: unknown) => {
    if (isApiError(error) && SESSION_LOST_CODES.includes(error.code)) {
      // Idle timeout, or the session was ended elsewhere: forget everything and say why on the login page.
      setSessionLostCode(error.code === 'auth.unauthenticated' ? 'auth.session_expired' : error.code);
      dropSession(queryClient);
    }
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: handleError }),
    mutationCache: new MutationCache({ onError: handleError }),
    defaultOptions: {
      queries: {
        retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
