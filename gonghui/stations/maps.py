"""The map layer's tile provider, from settings: 天地图 (needs GONGHUI_TIANDITU_KEY; CGCS2000,
equal to WGS-84 for display), 高德 (GCJ-02) or none (the default: points on a blank background,
no request leaves the site). Positions are converted here into the provider's system."""

from dataclasses import dataclass

from django.conf import settings

from . import coords

NONE, TIANDITU, AMAP = "none", "tianditu", "amap"


@dataclass(frozen=True)
class TileLayer:
    url: str
    subdomains: str
    attribution: str
    max_zoom: int = 18


@dataclass(frozen=True)
class MapProvider:
    name: str
    system: str  # the coordinate system the tiles are drawn in
    layers: tuple[TileLayer, ...] = ()

    def point(self, lat: float, lon: float) -> tuple[float, float]:
        """A stored (WGS-84) position as drawn on this provider's tiles, rounded to ~1 m."""
        lat, lon = coords.from_wgs84(lat, lon, self.system)
        return round(lat, 6), round(lon, 6)

    def config(self) -> dict:
        """What the page's map script reads (json_script): tiles and their system."""
        return {
            "provider": self.name,
            "system": self.system,
            "layers": [
                {
                    "url": layer.url,
                    "subdomains": layer.subdomains,
                    "attribution": layer.attribution,
                    "maxZoom": layer.max_zoom,
                }
                for layer in self.layers
            ],
        }


def _tianditu(key: str) -> MapProvider:
    base = "https://t{s}.tianditu.gov.cn/%s_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    tail = "&LAYER=%s&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk="
    return MapProvider(
        TIANDITU,
        coords.System.WGS84,
        tuple(
            TileLayer((base % layer) + (tail % layer) + key, "01234567", "© 天地图")
            for layer in ("vec", "cva")
        ),
    )


def _amap() -> MapProvider:
    return MapProvider(
        AMAP,
        coords.System.GCJ02,
        (
            TileLayer(
                "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8"
                "&x={x}&y={y}&z={z}",
                "1234",
                "© 高德地图",
            ),
        ),
    )


def provider() -> MapProvider:
    """The configured provider; 天地图 without a key falls back to none."""
    name = (getattr(settings, "GONGHUI_MAP_TILES", NONE) or NONE).strip().lower()
    if name == TIANDITU:
        key = getattr(settings, "GONGHUI_TIANDITU_KEY", "")
        if key:
            return _tianditu(key)
    elif name == AMAP:
        return _amap()
    return MapProvider(NONE, coords.System.WGS84)
