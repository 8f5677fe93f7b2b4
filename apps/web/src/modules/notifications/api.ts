import { useQuery } from '@tanstack/react-query';
import type {
  DeliveryItem,
  DeliveryList,
  DeliveryStatus,
  MarkedRead,
  NotificationList,
  NotificationPreferences,
  NotificationPreferencesInput,
  UnreadCount,
} from '@linli/contracts/modules/notifications';
import { api } from '../../lib/api-client';
import { defineMutation } from '../../lib/use-api-mutation';

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread-count'] as const,
  list: (page: number, pageSize: number, unread: boolean) => ['notifications', 'list', page, pageSize, unread] as const,
  preferences: ['notifications', 'preferences'] as const,
  outbox: (status: DeliveryStatus | undefined, page: number) => ['notifications', 'outbox', status, page] as const,
};

/** The unread count behind the bell: refreshed every 30 s and when the window regains focus. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) => api.get<UnreadCount>('/notifications/unread-count', undefined, signal),
    refetchInterval: 30_000,
    enabled,
  });
}

export function useNotifications(page: number, pageSize: number, unread: boolean) {
  return useQuery({
    queryKey: notificationKeys.list(page, pageSize, unread),
    queryFn: () => api.get<NotificationList>('/notifications', { page, pageSize, unread: unread ? 'true' : undefined }),
  });
}

export const useMarkRead = defineMutation({
  mutationFn: (id: string) => api.post<MarkedRead>(`/notifications/${id}/read`),
  invalidates: [notificationKeys.all],
});

export const useMarkAllRead = defineMutation({
  mutationFn: () => api.post<MarkedRead>('/notifications/read-all'),
  invalidates: [notificationKeys.all],
});

export function useNotificationPreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: () => api.get<NotificationPreferences>('/notifications/preferences'),
  });
}

export const useSavePreferences = defineMutation({
  mutationFn: (input: NotificationPreferencesInput) =>
    api.put<NotificationPreferences>('/notifications/preferences', input),
  invalidates: [notificationKeys.preferences],
});

export function useOutbox(status: DeliveryStatus | undefined, page: number) {
  return useQuery({
    queryKey: notificationKeys.outbox(status, page),
    queryFn: () => api.get<DeliveryList>('/notifications/outbox', { status, page, pageSize: 20 }),
  });
}

export const useRetryDelivery = defineMutation({
  mutationFn: (id: string) => api.post<DeliveryItem>(`/notifications/outbox/${id}/retry`),
  invalidates: [['notifications', 'outbox']],
});
