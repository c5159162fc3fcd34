import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CreatedToken, type CreateTokenRequest, Ok, TokenList } from '@tidings/contracts';
import { api } from '../../api/client';

const tokensQuery = queryOptions({
  queryKey: ['tokens'],
  queryFn: ({ signal }) => api.get('/api/tokens', TokenList, signal),
});

export function useTokens() {
  return useQuery(tokensQuery);
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTokenRequest) => api.post('/api/tokens', body, CreatedToken),
    onSuccess: () => client.invalidateQueries({ queryKey: tokensQuery.queryKey }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/tokens/${encodeURIComponent(id)}`, Ok),
    onSettled: () => client.invalidateQueries({ queryKey: tokensQuery.queryKey }),
  });
}
