import { notifiedIdOp } from './payfip-notification';

const idOp = 'cc0cb210-1cd4-11ea-8cca-0213ad91a103';

describe('notifiedIdOp', () => {
  it('reads idop or idOp from the query or the form body', () => {
    expect(notifiedIdOp({ idop: idOp })).toBe(idOp);
    expect(notifiedIdOp({}, { idOp: idOp.toUpperCase() })).toBe(idOp);
    expect(notifiedIdOp({ idop: idOp }, { IDOP: idOp })).toBe(idOp);
  });

  it('refuses a notification without one clear idOp', () => {
    expect(notifiedIdOp({}, {})).toBeNull();
    expect(notifiedIdOp({ idop: 'x' })).toBeNull();
    expect(notifiedIdOp({ idop: [idOp, idOp] })).toBeNull();
    expect(notifiedIdOp({ idop: idOp }, { idop: 'dd0cb210-1cd4-11ea-8cca-0213ad91a103' })).toBeNull();
    expect(notifiedIdOp({ idop: `${idOp}<script>` })).toBeNull();
  });
});
