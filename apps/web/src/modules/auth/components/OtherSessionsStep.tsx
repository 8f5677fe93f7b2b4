import { Alert, Button, Flex, List, Typography } from 'antd';
import { useI18n } from '../../../i18n';
import { api } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import type { SessionSummary } from '../../../lib/types';
import { useMutation } from '@tanstack/react-query';

/**
 * After a login, the user's other live sessions (F13): shown so an unexpected one is noticed, with the choice to end
 * them all at once or to keep them.
 */
export function OtherSessionsStep({ sessions, onDone }: { sessions: SessionSummary[]; onDone: () => void }) {
  const { t } = useI18n();
  const end = useMutation({ mutationFn: () => api.del<{ ok: true }>('/me/sessions') });
  return (
    <Flex vertical gap={12} data-testid="login-other-sessions">
      <Alert type="warning" showIcon title={t('login.otherSessions', { n: sessions.length })} />
      {/* Scrolls inside itself: with many sessions the buttons below stay on screen (and clickable) on a phone. */}
      <List
        size="small"
        bordered
        style={{ maxHeight: '40vh', overflowY: 'auto' }}
        dataSource={sessions}
        renderItem={(s) => (
          <List.Item>
            <Flex vertical>
              <Typography.Text>
                {t('login.otherSessionSince', { time: formatDateTime(s.createdAt), ip: s.ip ?? '—' })}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                {s.userAgent ?? ''}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      {end.isError ? <Alert type="error" showIcon title={t('login.otherSessionsEndFailed')} /> : null}
      <Flex gap={8} wrap>
        <Button
          type="primary"
          danger
          loading={end.isPending}
          disabled={end.isPending}
          onClick={() => end.mutate(undefined, { onSuccess: onDone })}
          data-testid="login-end-other-sessions"
        >
          {t('login.endOtherSessions')}
        </Button>
        <Button onClick={onDone} disabled={end.isPending} data-testid="login-keep-other-sessions">
          {t('login.keepOtherSessions')}
        </Button>
      </Flex>
    </Flex>
  );
}
