import { Flex, Spin } from 'antd';
import { useI18n } from '../i18n';

/** Centered spinner for a page or panel that is still loading. */
export function Loading({ minHeight = 160 }: { minHeight?: number | string }) {
  const { t } = useI18n();
  return (
    <Flex
      align="center"
      justify="center"
      style={{ minHeight }}
      role="status"
      aria-busy="true"
      aria-label={t('app.loading')}
    >
      <Spin />
    </Flex>
  );
}
