import { Tag } from 'antd';
import { RATING_WORDS, STATUS_WORDS, URGENCY_WORDS, useCoreWords } from '../core-words';

const STATUS_COLORS: Record<string, string> = {
  submitted: 'gold',
  assigned: 'blue',
  in_progress: 'processing',
  resolved: 'green',
  closed: 'default',
  rejected: 'red',
  merged: 'default',
};

export function StatusTag({ status, testId }: { status: string; testId?: string }) {
  const w = useCoreWords();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId} data-status={status}>
      {w.say(STATUS_WORDS, status)}
    </Tag>
  );
}

export function UrgencyTag({ urgency }: { urgency: string }) {
  const w = useCoreWords();
  return urgency === 'urgent' ? (
    <Tag color="red">{w.say(URGENCY_WORDS, urgency)}</Tag>
  ) : (
    <span>{w.say(URGENCY_WORDS, urgency)}</span>
  );
}

export function RatingTag({ rating, testId }: { rating: string | null; testId?: string }) {
  const w = useCoreWords();
  if (!rating) return <span data-testid={testId}>—</span>;
  const color = rating === 'dissatisfied' ? 'red' : rating === 'unrated' ? 'default' : 'green';
  return (
    <Tag color={color} data-testid={testId} data-rating={rating}>
      {w.say(RATING_WORDS, rating)}
    </Tag>
  );
}
