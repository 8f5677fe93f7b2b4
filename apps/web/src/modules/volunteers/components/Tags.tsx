import { Tag } from 'antd';
import { TEAM_COLOUR_LABELS, type TeamColour, type VolunteerStatus } from '@linli/contracts/modules/volunteers';
import { useVolunteersWords } from '../words';

const STATUS_COLOURS: Record<VolunteerStatus, string> = {
  pending: 'gold',
  active: 'green',
  rejected: 'red',
  suspended: 'orange',
  left: 'default',
};

export function VolunteerStatusTag({ status }: { status: VolunteerStatus }) {
  const w = useVolunteersWords();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid={`volunteer-status-${status}`}>
      {w.statuses[status]}
    </Tag>
  );
}

export function TeamColourTag({ colour }: { colour: TeamColour }) {
  const w = useVolunteersWords();
  const hex = TEAM_COLOUR_LABELS[colour].hex;
  return (
    <Tag color={colour === 'white' ? undefined : hex} style={colour === 'white' ? { borderColor: hex } : undefined}>
      {w.colourLabel(colour)}
    </Tag>
  );
}
