import { Flex, Image } from 'antd';
import { useCoreWords } from '../core-words';

/** A request's photos (intake, handling, resolution) as thumbnails that open full size. */
export function Photos({
  ids,
  urlOf,
  testId = 'request-photos',
}: {
  ids: string[];
  urlOf: (id: string) => string;
  testId?: string;
}) {
  const w = useCoreWords();
  if (!ids.length) return null;
  return (
    <Image.PreviewGroup>
      <Flex wrap gap={8} data-testid={testId}>
        {ids.map((id, i) => (
          <Image
            key={id}
            src={urlOf(id)}
            alt={w.fmt('photoAlt', { n: i + 1 })}
            width={88}
            height={88}
            style={{ objectFit: 'cover' }}
            data-testid={`${testId}-${i}`}
          />
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}
