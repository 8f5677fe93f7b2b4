import type { ReactNode } from 'react';
import { Empty, Flex, Spin, theme } from 'antd';

interface SimpleListProps<T> {
  items: readonly T[];
  rowKey: (item: T) => string;
  renderItem: (item: T, index: number) => ReactNode;
  empty: string;
  loading?: boolean;
  testId?: string;
}

/** A divided list with an empty state (antd's List is deprecated in v6 and warns in the console). */
export function SimpleList<T>({ items, rowKey, renderItem, empty, loading, testId }: SimpleListProps<T>) {
  const { token } = theme.useToken();
  return (
    <Spin spinning={!!loading}>
      <div data-testid={testId}>
        {items.length ? (
          items.map((item, i) => (
            <Flex
              key={rowKey(item)}
              wrap
              gap={8}
              align="center"
              justify="space-between"
              style={{
                padding: '10px 0',
                borderBottom: i < items.length - 1 ? `1px solid ${token.colorSplit}` : undefined,
                minWidth: 0,
              }}
            >
              {renderItem(item, i)}
            </Flex>
          ))
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
        )}
      </div>
    </Spin>
  );
}
