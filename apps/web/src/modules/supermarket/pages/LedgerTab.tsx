import { useState } from 'react';
import { Button, Flex, Tag } from 'antd';
import type { StockMovement } from '@linli/contracts/modules/supermarket';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { formatDateTime } from '../../../lib/format';
import { exportLedger, useStockMovements } from '../api';
import { useSupermarketWords } from '../words';

/** 库存台账: every change of stock (append-only), with the donor and fund reference of donations. */
export function LedgerTab({ supermarketId }: { supermarketId: string }) {
  const w = useSupermarketWords();
  const [page, setPage] = useState(1);
  const moves = useStockMovements({ supermarketId, page, pageSize: 50 });
  const columns: DataColumn<StockMovement>[] = [
    { key: 'time', title: w.time, render: (m) => formatDateTime(m.createdAt) },
    { key: 'item', title: w.itemName, card: 'title', render: (m) => m.itemName },
    { key: 'kind', title: w.kind, card: 'extra', render: (m) => w.enums.movement[m.kind] },
    {
      key: 'quantity',
      title: w.quantity,
      align: 'right',
      render: (m) => (m.quantity > 0 ? `+${m.quantity}` : m.quantity),
    },
    { key: 'after', title: w.stockAfter, align: 'right', render: (m) => m.stockAfter },
    {
      key: 'donor',
      title: w.donorName,
      render: (m) =>
        m.donorKind ? (
          <>
            {`${w.enums.donor[m.donorKind]} ${m.donorName ?? ''}`}
            {m.organisationId ? (
              <Tag color="blue" style={{ marginInlineStart: 4 }} data-testid={`ledger-registered-${m.id}`}>
                {w.registered}
              </Tag>
            ) : null}
          </>
        ) : (
          ''
        ),
    },
    { key: 'fund', title: w.fundReference, render: (m) => m.fundReference ?? '' },
    { key: 'note', title: w.note, render: (m) => m.note ?? '' },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="end">
        <Button onClick={() => void exportLedger(supermarketId, 'movements')} data-testid="ledger-export">
          {w.export}
        </Button>
      </Flex>
      <DataTable<StockMovement>
        testId="supermarket-ledger"
        rowKey={(m) => m.id}
        columns={columns}
        items={moves.data?.items}
        query={moves}
        empty={w.noLedger}
        paging={{ page, pageSize: 50, total: moves.data?.total, onChange: setPage }}
      />
    </Flex>
  );
}
