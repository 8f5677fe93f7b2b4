import type { AreaLevel } from '../../lib/types';

/** The level a new child of this level has (grids have none). */
export function childLevel(level: AreaLevel): AreaLevel | null {
  switch (level) {
    case 'district':
      return 'street';
    case 'street':
      return 'community';
    case 'community':
      return 'grid';
    default:
      return null;
  }
}

export const AREA_CODE_PATTERN = /^\d{12}(\d{3})?$/;
