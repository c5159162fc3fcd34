import { useMutation } from '@tanstack/react-query';
import { Ok, SessionInfo, type SignInRequest } from '@tidings/contracts';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { forgetSession, startSession } from '../../api/queryClient';

export function useSignIn() {
  return useMutation({
    mutationFn: (body: SignInRequest) => api.post('/api/auth/sign-in', body, SessionInfo),
    onSuccess: startSession,
  });
}

export function useSignOut() {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post('/api/auth/sign-out', undefined, Ok),
    // Signed out either way: a failed call most likely means the session had already ended.
    onSettled: () => {
      forgetSession({ onPurpose: true });
      navigate('/sign-in', { replace: true });
    },
  });
}
