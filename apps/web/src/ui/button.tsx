import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Link, type LinkProps } from '../app/router';
import { cx } from './class-names';

export type ButtonPriority = 'primary' | 'secondary' | 'tertiary' | 'tertiary no outline';

interface CommonProps {
  children: ReactNode;
  priority?: ButtonPriority;
  size?: 'small' | 'medium' | 'large';
  className?: string;
  title?: string;
}

interface AsButton extends CommonProps {
  linkProps?: undefined;
  onClick?: ButtonHTMLAttributes<HTMLButtonElement>['onClick'];
  type?: 'button' | 'submit' | 'reset';
  disabled?: boolean;
  /** Extra attributes of the `<button>` (aria-expanded, form…). */
  nativeButtonProps?: ButtonHTMLAttributes<HTMLButtonElement> & Record<`data-${string}`, string>;
}

interface AsLink extends CommonProps {
  /** Renders a link styled as a button (in-app navigation through the router). */
  linkProps: LinkProps;
}

export type ButtonProps = AsButton | AsLink;

export function buttonClass(
  priority: ButtonPriority = 'primary',
  size: ButtonProps['size'] = 'medium',
  className?: string,
): string {
  return cx(
    'salle-btn',
    `salle-btn--${priority.replace(/ /g, '-')}`,
    size !== 'medium' && `salle-btn--${size}`,
    className,
  );
}

/** The app's button: a `<button>`, or a link that looks like one when `linkProps` is given. */
export function Button(props: ButtonProps) {
  const className = buttonClass(props.priority, props.size, props.className);
  if (props.linkProps) {
    const { className: extra, ...linkProps } = props.linkProps;
    return (
      <Link {...linkProps} className={cx(className, extra)} title={props.title}>
        {props.children}
      </Link>
    );
  }
  return (
    <button
      type={props.type ?? 'button'}
      onClick={props.onClick}
      disabled={props.disabled}
      title={props.title}
      {...props.nativeButtonProps}
      className={className}
    >
      {props.children}
    </button>
  );
}
