import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import { useI18n } from '../i18n';

/**
 * Page state and the antd pagination settings for a table paged by the server. Changing the page size goes back
 * to page 1, so the user never lands past the end of the list.
 */
export function useServerPaging(initialPageSize = 20) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const pagination = (total: number): TablePaginationConfig => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: (n) => t('app.total', { total: n }),
    size: 'small',
    onChange: (p, size) => {
      setPage(size === pageSize ? p : 1);
      setPageSize(size);
    },
  });
  return { page, pageSize, setPage, pagination };
}
