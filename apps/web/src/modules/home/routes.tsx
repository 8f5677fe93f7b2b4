import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';

const HomePage = lazy(() => import('./pages/HomePage'));

export const homeRoutes: RouteObject[] = [{ index: true, element: <HomePage /> }];
