import { Link, type LinkProps } from '../app/router';
import { cx } from './class-names';

interface TileProps {
  title: string;
  desc?: string;
  linkProps: LinkProps;
  orientation?: 'horizontal' | 'vertical';
  /** The level under the page's own headings: h2 right under the h1. */
  headingLevel?: 'h2' | 'h3';
}

/** A card that leads somewhere: the whole tile is clickable through its title's link. */
export function Tile({ title, desc, linkProps, orientation = 'vertical', headingLevel = 'h2' }: TileProps) {
  const Heading = headingLevel;
  return (
    <div className={cx('salle-tile', orientation === 'horizontal' && 'salle-tile--horizontal')}>
      <Heading className="salle-tile__title">
        <Link {...linkProps}>{title}</Link>
      </Heading>
      {desc && <p className="salle-tile__desc">{desc}</p>}
    </div>
  );
}
