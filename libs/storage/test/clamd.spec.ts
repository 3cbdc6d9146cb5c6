import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AntivirusUnavailableError, InfectedFileError, scanWithClamd } from '../src/clamd';
import { LocalFolderStore } from '../src/local-folder-store';
import { ScanningObjectStore } from '../src/scanning-object-store';
import { ClamdSandbox, EICAR } from '@salle/testing';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

describe('the antivirus hook, against a clamd-protocol sandbox over TCP', () => {
  const clamd = new ClamdSandbox();
  let address: { host: string; port: number };
  let folder: string;
  let store: ScanningObjectStore;

  beforeAll(async () => {
    address = await clamd.start();
    folder = await mkdtemp(path.join(tmpdir(), 'salle-clamd-'));
    store = new ScanningObjectStore(new LocalFolderStore(folder), address, 2_000);
  });
  afterAll(async () => {
    await clamd.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('stores a clean file after clamd has seen all of it, in several chunks', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(200_000, 0x20)]);
    await store.put('insurance/o1/clean', big, 'application/pdf');
    expect(clamd.scans.at(-1)).toBe(big.length);
    expect((await store.get('insurance/o1/clean'))?.body).toEqual(new Uint8Array(big));
  });

  it('refuses the EICAR test file and stores nothing', async () => {
    const infected = Buffer.concat([PDF, EICAR]);
    await expect(store.put('insurance/o1/eicar', infected, 'application/pdf')).rejects.toEqual(
      expect.objectContaining({ code: 'file_infected', signature: 'Win.Test.EICAR_HDB-1' }),
    );
    expect(await store.get('insurance/o1/eicar')).toBeUndefined();
  });

  it('fails closed when clamd is unreachable or silent: nothing stored', async () => {
    const closed = new ScanningObjectStore(new LocalFolderStore(folder), { host: '127.0.0.1', port: 1 }, 2_000);
    await expect(closed.put('insurance/o1/unscanned', PDF, 'application/pdf')).rejects.toBeInstanceOf(
      AntivirusUnavailableError,
    );
    const silent = createServer(() => undefined); // accepts and never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const mute = new ScanningObjectStore(new LocalFolderStore(folder), { host: '127.0.0.1', port }, 300);
    await expect(mute.put('insurance/o1/unscanned', PDF, 'application/pdf')).rejects.toBeInstanceOf(
      AntivirusUnavailableError,
    );
    silent.close();
    expect(await store.get('insurance/o1/unscanned')).toBeUndefined();
  });
});

/** A real clamd, when this machine has one running (CLAMAV_SOCKET, the Debian socket, or CLAMAV_HOST). */
const realSocket = process.env.CLAMAV_SOCKET ?? '/var/run/clamav/clamd.ctl';
const hasClamd = spawnSync('clamdscan', ['--version']).error === undefined && existsSync(realSocket);
if (!hasClamd) console.log(`real clamd test skipped: no clamdscan binary or no clamd socket at ${realSocket}`);

(hasClamd ? describe : describe.skip)('the antivirus hook, against the real clamd', () => {
  it('finds EICAR and passes a clean file', async () => {
    expect(await scanWithClamd(PDF, { socket: realSocket })).toEqual({ infected: false });
    const verdict = await scanWithClamd(EICAR, { socket: realSocket });
    expect(verdict.infected).toBe(true);
    await expect(
      new ScanningObjectStore(new LocalFolderStore(tmpdir()), { socket: realSocket }).put(
        'x/eicar',
        EICAR,
        'text/plain',
      ),
    ).rejects.toBeInstanceOf(InfectedFileError);
  });
});
