import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { XLSX_MIME } from '@linli/contracts';
import type {
  CounterLookupInput,
  CounterRedemptionInput,
  CounterVolunteer,
  MySupermarket,
  Redemption,
  RedemptionList,
  RedemptionStatus,
  ReservationInput,
  StockAdjustInput,
  StockInInput,
  StockMovementList,
  Supermarket,
  SupermarketInput,
  SupermarketItem,
  SupermarketItemInput,
  SupermarketItemList,
  SupermarketItemUpdateInput,
  SupermarketList,
  SupermarketUpdateInput,
} from '@linli/contracts/modules/supermarket';
import { api } from '../../lib/api-client';
import { downloadFile } from '../../lib/files';
import { defineMutation } from '../../lib/use-api-mutation';

const enc = encodeURIComponent;
const ALL = ['supermarket'] as const;

/** A v4 UUID made once per cart or return (crypto.randomUUID exists only in secure contexts). */
export function newSubmissionId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function useSupermarkets(page: number) {
  return useQuery({
    queryKey: [...ALL, 'markets', page],
    queryFn: () => api.get<SupermarketList>('/supermarket/supermarkets', { page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
}

export function useSupermarket(id: string) {
  return useQuery({
    queryKey: [...ALL, 'market', id],
    queryFn: () => api.get<Supermarket>(`/supermarket/supermarkets/${enc(id)}`),
  });
}

export function useSupermarketItems(filter: { supermarketId: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...ALL, 'items', filter],
    queryFn: () => api.get<SupermarketItemList>('/supermarket/items', filter),
    placeholderData: keepPreviousData,
  });
}

export function useStockMovements(filter: { supermarketId: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...ALL, 'movements', filter],
    queryFn: () => api.get<StockMovementList>('/supermarket/movements', filter),
    placeholderData: keepPreviousData,
  });
}

export function useRedemptions(filter: {
  supermarketId: string;
  status?: RedemptionStatus | undefined;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: [...ALL, 'redemptions', filter],
    queryFn: () => api.get<RedemptionList>('/supermarket/redemptions', filter),
    placeholderData: keepPreviousData,
  });
}

export const exportLedger = (supermarketId: string, what: 'movements' | 'redemptions') =>
  downloadFile(`/supermarket/supermarkets/${enc(supermarketId)}/export/${what}`, XLSX_MIME, `${what}.xlsx`);

const invalidates = [ALL];
export const useCreateSupermarket = defineMutation({
  mutationFn: (input: SupermarketInput) => api.post<Supermarket>('/supermarket/supermarkets', input),
  invalidates,
});
export const useUpdateSupermarket = defineMutation({
  mutationFn: ({ id, ...input }: SupermarketUpdateInput & { id: string }) =>
    api.put<Supermarket>(`/supermarket/supermarkets/${enc(id)}`, input),
  invalidates,
});
export const useCreateItem = defineMutation({
  mutationFn: (input: SupermarketItemInput) => api.post<SupermarketItem>('/supermarket/items', input),
  invalidates,
});
export const useUpdateItem = defineMutation({
  mutationFn: ({ id, ...input }: SupermarketItemUpdateInput & { id: string }) =>
    api.put<SupermarketItem>(`/supermarket/items/${enc(id)}`, input),
  invalidates,
});
export const useStockIn = defineMutation({
  mutationFn: (input: StockInInput) => api.post<SupermarketItem>('/supermarket/stock-in', input),
  invalidates,
});
export const useStockAdjust = defineMutation({
  mutationFn: (input: StockAdjustInput) => api.post<SupermarketItem>('/supermarket/adjustments', input),
  invalidates,
});
export const useCounterLookup = defineMutation({
  mutationFn: (input: CounterLookupInput) => api.post<CounterVolunteer>('/supermarket/counter/lookup', input),
});
export const useCounterRedeem = defineMutation({
  mutationFn: (input: CounterRedemptionInput) => api.post<Redemption>('/supermarket/redemptions', input),
  invalidates,
});
export const useRedemptionStep = defineMutation({
  mutationFn: ({ id, step, body }: { id: string; step: 'collect' | 'cancel' | 'returns'; body?: unknown }) =>
    api.post<Redemption>(`/supermarket/redemptions/${enc(id)}/${step}`, body ?? {}),
  invalidates,
});

// ---------- /m ----------

export function useMySupermarket() {
  return useQuery({ queryKey: [...ALL, 'm', 'view'], queryFn: () => api.get<MySupermarket>('/m/supermarket') });
}

export function useMyItems(supermarketId: string | undefined, page: number) {
  return useQuery({
    queryKey: [...ALL, 'm', 'items', supermarketId, page],
    queryFn: () => api.get<SupermarketItemList>('/m/supermarket/items', { supermarketId, page, pageSize: 50 }),
    enabled: !!supermarketId,
    placeholderData: keepPreviousData,
  });
}

export function useMyRedemptions(page: number) {
  return useQuery({
    queryKey: [...ALL, 'm', 'redemptions', page],
    queryFn: () => api.get<RedemptionList>('/m/supermarket/redemptions', { page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
}

export const useReserve = defineMutation({
  mutationFn: (input: ReservationInput) => api.post<Redemption>('/m/supermarket/reservations', input),
  invalidates,
});
export const useCancelReservation = defineMutation({
  mutationFn: (id: string) => api.post<Redemption>(`/m/supermarket/reservations/${enc(id)}/cancel`),
  invalidates,
});
