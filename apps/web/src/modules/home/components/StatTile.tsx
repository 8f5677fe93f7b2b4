import type { ReactNode } from 'react';
import { Col, Typography, theme } from 'antd';
import { Link } from 'react-router-dom';

interface StatTileProps {
  label: ReactNode;
  value: ReactNode;
  testId: string;
  /** The list behind the figure: a page, or (`#id`) a list further down this page. */
  to: string;
  /** Red when the figure is something late. */
  alert?: boolean;
  hint?: ReactNode;
}

/** One figure of the 工作台, a whole tile to tap (at least 44 px high) that opens the list behind it. */
export function StatTile({ label, value, testId, to, alert, hint }: StatTileProps) {
  const { token } = theme.useToken();
  const style = {
    display: 'block',
    height: '100%',
    minHeight: 44,
    padding: '12px 14px',
    borderRadius: token.borderRadiusLG,
    border: `1px solid ${alert ? token.colorErrorBorder : token.colorBorderSecondary}`,
    background: alert ? token.colorErrorBg : token.colorBgContainer,
    color: token.colorText,
  };
  const body = (
    <>
      <div
        data-testid={`${testId}-value`}
        style={{ fontSize: 28, fontWeight: 600, lineHeight: 1.2, color: alert ? '#a8071a' : token.colorText }}
      >
        {value}
      </div>
      <div style={{ fontSize: 14 }}>{label}</div>
      {hint ? (
        <Typography.Text style={{ fontSize: 12, color: token.colorTextSecondary }}>{hint}</Typography.Text>
      ) : null}
    </>
  );
  const onPage = to.startsWith('#');
  return (
    <Col xs={12} sm={8} lg={4}>
      {onPage ? (
        <a
          href={to}
          style={style}
          data-testid={testId}
          onClick={(e) => {
            e.preventDefault();
            document.getElementById(to.slice(1))?.scrollIntoView({ behavior: 'smooth', block: 'start' });
          }}
        >
          {body}
        </a>
      ) : (
        <Link to={to} style={style} data-testid={testId}>
          {body}
        </Link>
      )}
    </Col>
  );
}
