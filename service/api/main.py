"""The API's routes: one router per resource, included here and nowhere else."""

from fastapi import APIRouter

from . import check, documents, exports, health, pages, reviews, ui

api_router = APIRouter()
api_router.include_router(documents.router)
api_router.include_router(pages.router)
api_router.include_router(reviews.router)
api_router.include_router(exports.router)
api_router.include_router(check.router)
api_router.include_router(health.router)
api_router.include_router(ui.router)
