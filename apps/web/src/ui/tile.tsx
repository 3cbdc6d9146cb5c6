import { Link, type LinkProps } from '../app/router';
import { cx } from './class-names';

interface TileProps {
  title: string;
  desc?: string;
  linkProps: LinkProps;
  orientation?: 'horizontal' | 'vertical';
}

/** A card that leads somewhere: the whole tile is clickable through its title's link. */
export function Tile({ title, desc, linkProps, orientation = 'vertical' }: TileProps) {
  return (
    <div className={cx('salle-tile', orientation === 'horizontal' && 'salle-tile--horizontal')}>
      <h3 className="salle-tile__title">
        <Link {...linkProps}>{title}</Link>
      </h3>
      {desc && <p className="salle-tile__desc">{desc}</p>}
    </div>
  );
}
