import { useRef, useState, type ReactNode } from 'react';
import {
  Card,
  Empty,
  Flex,
  Grid,
  Pagination,
  Spin,
  Table,
  Typography,
  type TablePaginationConfig,
  type TableProps,
} from 'antd';
import { useI18n } from '../i18n';
import { PAGE_SIZES } from '../lib/use-list-state';
import { ErrorAlert } from './ErrorAlert';
import { useKeyboardScroll } from './useKeyboardScroll';

export interface DataColumn<T> {
  key: string;
  title: ReactNode;
  render: (row: T, index: number) => ReactNode;
  width?: number;
  align?: 'left' | 'right' | 'center';
  fixed?: 'left' | 'right';
  ellipsis?: boolean;
  /**
   * Where the column goes on a phone, where each row is a card: 'title' heads the card (default: the first column),
   * 'extra' sits at the card's top right, 'actions' at its foot, 'hidden' is left out; other columns are label/value
   * lines.
   */
  card?: 'title' | 'extra' | 'actions' | 'hidden';
}

/**
 * Paging: `false` for none; `{ pageSize }` for a short list paged here; or a page kept by the caller (the URL, see
 * useListState), with `total` when the server pages (else the rows given are paged here).
 */
export type DataTablePaging =
  | false
  | { pageSize: number }
  | {
      page: number;
      pageSize: number;
      total?: number;
      onChange: (page: number, pageSize: number) => void;
      sizeChanger?: boolean;
    };

export interface DataTableProps<T> {
  testId: string;
  rowKey: (row: T) => string;
  columns: DataColumn<T>[];
  items: readonly T[] | undefined;
  /** Loading and error state (with retry) from the query behind the list. */
  query?: { isFetching: boolean; error: unknown; refetch: () => unknown };
  loading?: boolean;
  error?: unknown;
  errorTestId?: string;
  /** Shown when there are no rows. */
  empty: string;
  emptyTestId?: string;
  /** A small empty image, for lists inside cards. */
  compact?: boolean;
  paging?: DataTablePaging;
  /** Opens a row (double-click on the desktop table). */
  onRowOpen?: (row: T) => void;
  /** The desktop table's scroll width: wider tables scroll inside their own container. */
  scrollX?: number;
}

/**
 * Every list of the app: an antd Table on the desktop, one card per row below 576 px (no sideways scroll), with an
 * error state and retry, an empty state and paging.
 */
export function DataTable<T extends object>(props: DataTableProps<T>) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  // `xs` is known (and true) only below 576 px; before the first measurement the table is shown.
  const asCards = screens.xs === true;
  const scrollBox = useRef<HTMLDivElement>(null);
  useKeyboardScroll(scrollBox, t('app.tableScroll'), !asCards);
  const [localPage, setLocalPage] = useState(1);
  const { paging = false, query } = props;
  const items = props.items ?? [];
  const loading = props.loading ?? query?.isFetching ?? false;
  const error = props.error ?? query?.error ?? null;
  const onRetry = query ? () => void query.refetch() : undefined;

  const controlled = paging && 'onChange' in paging ? paging : null;
  const pageSize = paging ? paging.pageSize : items.length || 1;
  const total = controlled?.total ?? items.length;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(controlled ? controlled.page : localPage, pages);
  const onPageChange = controlled ? controlled.onChange : (next: number) => setLocalPage(next);
  const serverPaged = controlled?.total !== undefined;

  const emptyState = error ? (
    <span />
  ) : (
    <Empty
      image={props.compact ? Empty.PRESENTED_IMAGE_SIMPLE : undefined}
      description={props.empty}
      data-testid={props.emptyTestId}
    />
  );
  const errorAlert = error ? <ErrorAlert error={error} onRetry={onRetry} testId={props.errorTestId} /> : null;

  if (asCards) {
    const rows = paging && !serverPaged ? items.slice((page - 1) * pageSize, page * pageSize) : items;
    return (
      <Flex vertical gap={8} style={{ minWidth: 0 }}>
        {errorAlert}
        <Flex vertical gap={8} data-testid={props.testId}>
          <Spin spinning={loading}>
            <Flex vertical gap={8} className="linli-cards">
              {rows.length
                ? rows.map((row, index) => (
                    <RowCard
                      key={props.rowKey(row)}
                      row={row}
                      index={index}
                      columns={props.columns}
                      rowKey={props.rowKey}
                    />
                  ))
                : emptyState}
            </Flex>
          </Spin>
          {paging && total > pageSize ? (
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Typography.Text type="secondary">{t('app.total', { total })}</Typography.Text>
              <Pagination
                simple
                size="small"
                current={page}
                pageSize={pageSize}
                total={total}
                onChange={onPageChange}
              />
            </Flex>
          ) : null}
        </Flex>
      </Flex>
    );
  }

  const columns: TableProps<T>['columns'] = props.columns.map((c) => ({
    key: c.key,
    title: c.title,
    width: c.width,
    align: c.align,
    fixed: c.fixed,
    ellipsis: c.ellipsis,
    render: (_: unknown, row: T, index: number) => c.render(row, index),
  }));
  const pagination: TablePaginationConfig | false = paging
    ? {
        current: page,
        pageSize,
        total,
        size: 'small',
        showSizeChanger: !!controlled?.sizeChanger,
        pageSizeOptions: [...PAGE_SIZES],
        hideOnSinglePage: !controlled?.sizeChanger,
        showTotal: (n) => t('app.total', { total: n }),
        onChange: (next, size) => onPageChange(size === pageSize ? next : 1, size),
      }
    : false;

  return (
    <Flex vertical gap={12} style={{ minWidth: 0 }}>
      {errorAlert}
      <div className="linli-table-scroll" data-testid={props.testId} ref={scrollBox}>
        <Table<T>
          rowKey={props.rowKey}
          size="small"
          columns={columns}
          dataSource={items as T[]}
          loading={loading}
          scroll={props.scrollX ? { x: props.scrollX } : undefined}
          pagination={pagination}
          locale={{ emptyText: emptyState }}
          onRow={props.onRowOpen ? (row) => ({ onDoubleClick: () => props.onRowOpen?.(row) }) : undefined}
        />
      </div>
    </Flex>
  );
}

/**
 * One row as a phone card: the 'title' column (default: the first) and the 'extra' one in its header, the other
 * columns as label/value lines, the 'actions' columns at its foot.
 */
function RowCard<T>({
  row,
  index,
  columns,
  rowKey,
}: {
  row: T;
  index: number;
  columns: DataColumn<T>[];
  rowKey: (row: T) => string;
}) {
  const titleColumn = columns.find((c) => c.card === 'title') ?? columns[0];
  const extraColumn = columns.find((c) => c.card === 'extra');
  const actionColumns = columns.filter((c) => c.card === 'actions');
  const lines = columns.filter((c) => c !== titleColumn && !c.card);
  return (
    <Card
      size="small"
      data-row-key={rowKey(row)}
      title={titleColumn ? titleColumn.render(row, index) : undefined}
      extra={extraColumn ? extraColumn.render(row, index) : undefined}
    >
      <dl className="linli-card-fields">
        {lines.map((c) => (
          <div key={c.key}>
            <dt>{c.title}</dt>
            <dd>{c.render(row, index)}</dd>
          </div>
        ))}
      </dl>
      {actionColumns.length ? (
        <Flex wrap gap={8} style={{ marginTop: lines.length ? 8 : 0 }}>
          {actionColumns.map((c) => (
            <div key={c.key}>{c.render(row, index)}</div>
          ))}
        </Flex>
      ) : null}
    </Card>
  );
}
