import { Flex, Tag, Typography } from 'antd';
import type { JobsWords } from '../words';

/** A job's or queue's name in words, with its code name beneath (what logs and the API call it). */
export function JobName({ name, w, tag }: { name: string; w: JobsWords; tag?: string | null }) {
  const label = w.label(name);
  return (
    <Flex vertical gap={2}>
      <span>
        {label ?? name}
        {tag ? <Tag style={{ marginInlineStart: 8 }}>{tag}</Tag> : null}
      </span>
      {label ? (
        <Typography.Text type="secondary" code data-testid={`job-name-${name}`}>
          {name}
        </Typography.Text>
      ) : (
        <span data-testid={`job-name-${name}`} />
      )}
    </Flex>
  );
}
