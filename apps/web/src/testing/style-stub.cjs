// Stylesheets imported by components (Leaflet's) mean nothing to jsdom: tests import this instead.
module.exports = {};
