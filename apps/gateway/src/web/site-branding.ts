import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@salle/config';
import { missingLegalFields } from '@salle/contracts';

/** An image of the département's identity, served by the gateway at a fixed path. */
export interface BrandingImage {
  file: string;
  contentType: 'image/svg+xml' | 'image/png';
}

/** The logo and favicon the site configuration names, with the URLs the gateway serves them at. */
export interface SiteBranding {
  logo?: BrandingImage;
  favicon?: BrandingImage;
}

export const LOGO_PATH = '/site/logo';
export const FAVICON_PATH = '/site/favicon';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The file's type from its extension and content: an SVG document or a PNG image, nothing else. */
function imageType(file: string): BrandingImage['contentType'] | undefined {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return undefined;
  const head = fs.readFileSync(file).subarray(0, 512);
  if (/\.png$/i.test(file)) return head.subarray(0, 8).equals(PNG_SIGNATURE) ? 'image/png' : undefined;
  if (/\.svg$/i.test(file)) return /<svg[\s>]/.test(head.toString('utf8')) ? 'image/svg+xml' : undefined;
  return undefined;
}

function image(member: string, value: unknown, configFile: string): BrandingImage | undefined {
  if (value === undefined) return undefined;
  const file = typeof value === 'string' ? path.resolve(path.dirname(configFile), value) : '';
  const contentType = file ? imageType(file) : undefined;
  if (!contentType)
    throw new ConfigError(
      `${member} in ${configFile}`,
      'the path of an .svg or .png image, relative to the site configuration file',
      false,
    );
  return { file, contentType };
}

/**
 * Reads `logo.file` and `favicon` of the site configuration (paths relative
 * to the file): each must be an SVG or PNG image, or the start is refused in
 * one line naming the member.
 */
export function readSiteBranding(raw: unknown, configFile: string): SiteBranding {
  if (!raw || typeof raw !== 'object') return {};
  const input = raw as { logo?: { file?: unknown }; favicon?: unknown };
  const branding: SiteBranding = {};
  const logo = image('logo.file', input.logo?.file, configFile);
  const favicon = image('favicon', input.favicon, configFile);
  if (logo) branding.logo = logo;
  if (favicon) branding.favicon = favicon;
  return branding;
}

/**
 * The configuration as the web app reads it at `/config.json`: the logo's
 * URL is where the gateway serves its file, and the image files' own paths
 * on the server stay private.
 */
export function publicSiteConfig(raw: unknown, branding: SiteBranding): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const { favicon: _favicon, ...rest } = raw as Record<string, unknown>;
  if (!branding.logo) return rest;
  const { file: _file, ...logo } = (rest['logo'] ?? {}) as Record<string, unknown>;
  return { ...rest, logo: { ...logo, url: LOGO_PATH } };
}

/**
 * In production a public website must publish its legal notice, personal
 * data information and accessibility statement: one line listing every
 * legal field the site configuration leaves missing or malformed.
 */
export function legalProblem(raw: unknown, configFile: string): ConfigError | undefined {
  const missing = missingLegalFields(raw);
  if (missing.length === 0) return undefined;
  return new ConfigError(
    `legal in ${configFile}`,
    `every field of the legal pages (required when NODE_ENV=production); missing or invalid: ${missing.join(', ')}`,
    true,
  );
}
