import {createContext, useContext, useEffect, useState} from 'react';

/** The time the countdowns show; only the cells that read it re-render each second. */
export const ClockContext = createContext<Date>(new Date(0));

export function useNow(): Date {
  return useContext(ClockContext);
}

/** Ticks once a second, on the second, so every countdown changes together. */
export function useClock(now: () => Date): Date {
  const [time, setTime] = useState(now);
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    const schedule = () => {
      const ms = 1000 - (now().getTime() % 1000);
      timer = setTimeout(() => {
        setTime(now());
        schedule();
      }, ms);
    };
    schedule();
    return () => clearTimeout(timer);
  }, [now]);
  return time;
}
