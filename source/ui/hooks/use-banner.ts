import {useEffect, useState} from 'react';
import type {BannerInfo, TuiPorts} from '../ports.js';

/** Polls the demo's authenticator once a second. */
export function useBanner(banner: TuiPorts['banner']): BannerInfo | undefined {
  const [info, setInfo] = useState<BannerInfo | undefined>(() => banner?.());
  useEffect(() => {
    if (!banner) return;
    const timer = setInterval(() => setInfo(banner()), 1000);
    return () => clearInterval(timer);
  }, [banner]);
  return info;
}
