@echo off
copy *.docx \\server\share
